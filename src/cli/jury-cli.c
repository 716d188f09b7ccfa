/* jury-cli.c: placeholder, being written */
