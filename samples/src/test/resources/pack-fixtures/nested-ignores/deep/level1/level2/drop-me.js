dropped by the root .npmignore
