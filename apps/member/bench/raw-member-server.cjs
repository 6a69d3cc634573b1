'use strict';
// The baseline: a raw node:http server that loads the tablestore SDK and answers
// GET /members/{id} with the same storage call the member function makes (one GetRow of the
// member row) and the same JSON. No framework, no validation, no logs, no metrics.
const { createServer, Agent } = require('node:http');
const { createHash } = require('node:crypto');
const TableStore = require('tablestore');

const client = new TableStore.Client({
  endpoint: process.env.OTS_ENDPOINT,
  instancename: process.env.OTS_INSTANCE,
  accessKeyId: process.env.OTS_ACCESS_KEY_ID,
  secretAccessKey: process.env.OTS_ACCESS_KEY_SECRET,
  maxRetries: 0,
  httpOptions: { timeout: 3000, agent: new Agent({ keepAlive: true, maxSockets: 64 }) },
});
const LEVELS = [
  [20000, 'platinum'],
  [5000, 'gold'],
  [1000, 'silver'],
  [0, 'regular'],
];

createServer((req, res) => {
  const id = req.url.split('/')[2];
  const shard = createHash('md5').update(id).digest('hex').slice(0, 4);
  client.getRow({ tableName: 'members', primaryKey: [{ shard }, { memberId: id }] }, (error, data) => {
    if (error || !data.row.attributes) {
      res.writeHead(error ? 500 : 404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const a = {};
    for (const cell of data.row.attributes)
      a[cell.columnName] = typeof cell.columnValue === 'object' ? cell.columnValue.toNumber() : cell.columnValue;
    const lifetime = a.lifetimePoints;
    const body = {
      id,
      phone: a.phone,
      name: a.name,
      birthday: a.birthday ?? null,
      level: LEVELS.find(([from]) => lifetime >= from)[1],
      points: a.points,
      lifetimePoints: lifetime,
      registeredChannel: a.registeredChannel,
      createdAt: new Date(a.createdAt).toISOString(),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
