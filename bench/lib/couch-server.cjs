// The CouchDB-protocol comparison server: express-pouchdb over PouchDB's memory adapter, in a process of
// its own like our server. Memory, not disk: this favours PouchDB (nothing is made durable).
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'));

const port = Number(process.argv[2] ?? 5984);
const app = require('express-pouchdb')(PouchDB.defaults({ adapter: 'memory' }), {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: '/dev/null',
});
app.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
