// not listed, not packed
