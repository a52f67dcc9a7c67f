// Placeholder until the benchmark issue lands.
console.log('no benchmark cases yet');
