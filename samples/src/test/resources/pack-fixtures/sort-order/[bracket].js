[bracket].js
