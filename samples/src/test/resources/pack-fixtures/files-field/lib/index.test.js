// excluded by lib/.npmignore
