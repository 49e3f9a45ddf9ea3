wanted
