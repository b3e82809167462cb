package io.trustgate.redis.session;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** CLIENT INFO and CLIENT LIST lines, in Redis' format, for this listener's clients. */
final class ClientInfo {

    private ClientInfo() {
    }

    static String line(ClientSession s) {
        long now = System.currentTimeMillis();
        return "id=" + s.id
                + " addr=" + address(s.channel.remoteAddress())
                + " laddr=" + address(s.channel.localAddress())
                + " fd=-1 name=" + (s.name == null ? "" : s.name)
                + " age=" + (now - s.createdMillis) / 1000
                + " idle=0 flags=" + (s.transaction.isOpen() ? "x" : s.relayTarget != null ? "P" : "N")
                + " db=" + s.db
                + " sub=0 psub=0 ssub=0 multi=" + (s.transaction.isOpen() ? 0 : -1)
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=" + s.replies.pending()
                + " omem=0 tot-mem=0 events=r cmd="
                + (s.lastCommand == null ? "NULL" : s.lastCommand.name().toLowerCase(java.util.Locale.ROOT))
                + " user=default redir=-1 resp=" + s.protocol().number()
                + " lib-name=" + (s.libName == null ? "" : s.libName)
                + " lib-ver=" + (s.libVersion == null ? "" : s.libVersion);
    }

    static String list(ClientSession self) {
        StringBuilder sb = new StringBuilder();
        for (ClientSession s : self.context.clients().all()) {
            sb.append(line(s)).append('\n');
        }
        return sb.toString();
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
