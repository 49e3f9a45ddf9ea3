(paren).js
