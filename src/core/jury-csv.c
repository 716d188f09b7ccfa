/* jury-csv.c: placeholder, being written */
