a_b.js
