package io.trustgate.gateway.bootstrap;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The network transport: Netty's native epoll where the platform has it, NIO otherwise. One event-loop group
 * is shared by every listener, the admin port and every backend connection.
 *
 * @param name          "epoll" or "nio"
 * @param socketChannel client socket class (for backend connections)
 * @param serverChannel server socket class (for listeners)
 */
record Transport(String name, Class<? extends SocketChannel> socketChannel,
                 Class<? extends ServerChannel> serverChannel, IoHandlerFactory ioHandlerFactory) {

    static Transport detect() {
        if (!Boolean.getBoolean("trustgate.nio") && Epoll.isAvailable()) {
            return new Transport("epoll", EpollSocketChannel.class, EpollServerSocketChannel.class,
                    EpollIoHandler.newFactory());
        }
        return new Transport("nio", NioSocketChannel.class, NioServerSocketChannel.class, NioIoHandler.newFactory());
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(
                "trustgate-io", true), ioHandlerFactory);
    }
}
