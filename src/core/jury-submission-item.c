/* jury-submission-item.c: placeholder, being written */
