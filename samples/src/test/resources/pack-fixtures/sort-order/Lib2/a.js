Lib2/a.js
