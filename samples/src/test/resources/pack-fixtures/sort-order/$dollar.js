$dollar.js
