dropped by level1 (level2/sub/)
