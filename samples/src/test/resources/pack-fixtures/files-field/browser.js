module.exports = "browser";
