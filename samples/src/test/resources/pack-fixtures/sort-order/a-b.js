a-b.js
