~tilde.js
