._index.js
