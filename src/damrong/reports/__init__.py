"""Published summaries: maintained counters, periods, the official table, freezes and exports."""
