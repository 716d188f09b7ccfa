/* jury-form.c: placeholder, being written */
