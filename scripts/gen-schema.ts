// Placeholder replaced by the schema generator (kubectl explain and the editor's schema).
console.log('gen-schema: nothing to generate yet');
