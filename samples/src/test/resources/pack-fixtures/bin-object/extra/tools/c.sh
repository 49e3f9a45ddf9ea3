path less first component is tools/c.sh
