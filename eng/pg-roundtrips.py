#!/usr/bin/env python3
"""Counts PostgreSQL round trips (docs/benchmarks.md, "One pipeline: round trips"): a TCP proxy between the API and
PostgreSQL that logs, per connection, each burst of client messages sent after the server last answered (one round
trip: the client waits for the answer before it sends again), with the statements in it (P = Parse of the extended
protocol, Q = simple query, S = Sync). The server's own statement log (log_min_duration_statement = 0) lists the
statements but not which of them travelled together; this does.

    python3 eng/pg-roundtrips.py 55446 55436 /tmp/roundtrips.log &
    ConnectionStrings__Marten="Host=127.0.0.1;Port=55446;..." dotnet .../WasteMovements.Api.dll
    # send one request at a time, then read /tmp/roundtrips.log by the timestamps of the requests

usage: pg-roundtrips.py LISTEN_PORT TARGET_PORT LOGFILE (plain TCP on 127.0.0.1; the server must not require TLS)"""
import asyncio, struct, sys, time, itertools
listen, target, logpath = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
log = open(logpath, 'a', buffering=1)
ids = itertools.count(1)

def describe(t, body):
    if t == 'Q': return 'Q ' + body.split(b'\0')[0].decode(errors='replace')
    if t == 'P':
        name, rest = body.split(b'\0', 1)
        return 'P ' + rest.split(b'\0')[0].decode(errors='replace')
    if t == 'B':
        portal, rest = body.split(b'\0', 1); stmt = rest.split(b'\0')[0]
        return 'B' + (' ' + stmt.decode() if stmt else '')
    return t

async def pipe(cid, reader, writer, state, client):
    buf = b''
    started = not client
    try:
        while True:
            data = await reader.read(65536)
            if not data: break
            writer.write(data)
            if not client:
                state['last'] = 'server'
                continue
            if state['last'] != 'client':
                state['rt'] += 1
                state['last'] = 'client'
                log.write(f"{time.time():.3f} c{cid} rt{state['rt']}\n")
            buf += data
            while True:
                if not started:
                    if len(buf) < 8: break
                    n, code = struct.unpack('!ii', buf[:8])
                    if len(buf) < n: break
                    buf = buf[n:]
                    if code not in (80877103, 80877104): started = True
                    log.write(f"    startup {code}\n")
                    continue
                if len(buf) < 5: break
                t = chr(buf[0]); n = struct.unpack('!i', buf[1:5])[0]
                if len(buf) < 1 + n: break
                body = buf[5:1 + n]; buf = buf[1 + n:]
                if t in 'QP': log.write('    ' + describe(t, body)[:400].replace('\n', ' ') + '\n')
                elif t in 'S': log.write('    S\n')
            await writer.drain()
    except Exception as e:
        log.write(f"c{cid} error {e}\n")
    finally:
        writer.close()

async def handle(cr, cw):
    cid = next(ids)
    sr, sw = await asyncio.open_connection('127.0.0.1', target)
    state = {'last': None, 'rt': 0}
    log.write(f"{time.time():.3f} c{cid} open\n")
    await asyncio.gather(pipe(cid, cr, sw, state, True), pipe(cid, sr, cw, state, False))
    log.write(f"{time.time():.3f} c{cid} closed\n")

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', listen)
    async with server: await server.serve_forever()
asyncio.run(main())
