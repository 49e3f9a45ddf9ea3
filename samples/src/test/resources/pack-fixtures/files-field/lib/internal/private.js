// excluded by !lib/internal/**
