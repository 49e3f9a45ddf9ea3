stay
