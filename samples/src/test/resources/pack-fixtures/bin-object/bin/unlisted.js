not a bin, not in files
