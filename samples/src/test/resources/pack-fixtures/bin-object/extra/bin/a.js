path less first component is bin/a.js
