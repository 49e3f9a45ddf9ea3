// same name as the bin, in lib: path less first component is cli.js
