// Cold-start floor: a node process that imports nothing and prints performance.now() at once.
// Measured exactly like the two cold-start children, to show what Node itself costs.
process.stdout.write(JSON.stringify({ ms: performance.now() }) + "\n");
