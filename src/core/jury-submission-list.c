/* jury-submission-list.c: placeholder, being written */
