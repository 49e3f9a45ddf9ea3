a10.js
