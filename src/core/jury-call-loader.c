/* jury-call-loader.c: placeholder, being written */
