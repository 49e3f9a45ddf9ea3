lib/A.js
