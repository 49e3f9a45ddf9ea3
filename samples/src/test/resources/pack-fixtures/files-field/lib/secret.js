// excluded by !lib/secret.js
