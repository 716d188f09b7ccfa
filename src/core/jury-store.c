/* jury-store.c: placeholder, being written */
