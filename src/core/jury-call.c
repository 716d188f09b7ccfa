/* jury-call.c: placeholder, being written */
