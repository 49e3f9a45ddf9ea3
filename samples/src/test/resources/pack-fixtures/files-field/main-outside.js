module.exports = "main";
