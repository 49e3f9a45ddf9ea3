z: a directory excluded by *
