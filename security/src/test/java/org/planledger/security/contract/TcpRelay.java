package org.planledger.security.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on a local port to PostgreSQL, which a test cuts (every open connection breaks, new ones are refused)
 * and restores (listens again on the same port) while a service runs: an outage of the service's database without
 * touching the server that others share. Point the service's JDBC URL at {@link #jdbcUrl(String)}.
 *
 * <p>Hand-written rather than taken from a library: the one in reach (Toxiproxy) needs a server process of its own,
 * and these few lines of plain sockets are all an outage takes.
 */
public final class TcpRelay implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)");

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private TcpRelay(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A relay to the host and port of a {@code jdbc:postgresql://host[:port]/…} URL, listening on a free port. */
    public static TcpRelay toDatabaseOf(String jdbcUrl) throws IOException {
        Matcher url = matching(jdbcUrl);
        return new TcpRelay(new InetSocketAddress(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2))));
    }

    /** The same URL (database, parameters) through the relay. */
    public String jdbcUrl(String jdbcUrl) {
        return "jdbc:postgresql://127.0.0.1:" + port + matching(jdbcUrl).group(3);
    }

    private static Matcher matching(String jdbcUrl) {
        Matcher url = URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
        }
        return url;
    }

    /** Stops listening and breaks every relayed connection: the database is unreachable from now on. */
    public synchronized void cut() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again on the same port: the database is reachable again. */
    public synchronized void restore() throws IOException {
        if (listener == null) {
            listener = listen(port);
            accept(listener);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket server) {
        daemon("relay-accept-" + port, () -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException closed) {
                    return;
                }
                Socket database = new Socket();
                open.add(client);
                open.add(database);
                try {
                    database.connect(upstream, 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(database);
                    continue;
                }
                if (listener != server) { // cut while connecting
                    closeQuietly(client);
                    closeQuietly(database);
                    continue;
                }
                pump(client, database);
                pump(database, client);
            }
        });
    }

    private void pump(Socket from, Socket to) {
        daemon("relay-pump-" + port, () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException broken) {
                // cut, or one end hung up: the other end learns it below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
