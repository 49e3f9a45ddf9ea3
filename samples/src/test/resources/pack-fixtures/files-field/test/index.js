// tests are not packed
