// only the root coverage is anchored
