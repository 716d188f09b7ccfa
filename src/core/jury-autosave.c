/* jury-autosave.c: placeholder, being written */
