package org.patchstorm.core.overlay;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.patchstorm.core.engine.PayloadCodec;
import org.patchstorm.core.overlay.OverlayMessage.Activate;
import org.patchstorm.core.overlay.OverlayMessage.BotStart;
import org.patchstorm.core.overlay.OverlayMessage.BotStop;
import org.patchstorm.core.overlay.OverlayMessage.ChangeDefence;
import org.patchstorm.core.overlay.OverlayMessage.ChangeParameter;
import org.patchstorm.core.overlay.OverlayMessage.ConnectReply;
import org.patchstorm.core.overlay.OverlayMessage.ConnectRequest;
import org.patchstorm.core.overlay.OverlayMessage.Disconnect;
import org.patchstorm.core.overlay.OverlayMessage.Im;
import org.patchstorm.core.overlay.OverlayMessage.Injected;
import org.patchstorm.core.overlay.OverlayMessage.KeepAlive;
import org.patchstorm.core.overlay.OverlayMessage.ListExchange;
import org.patchstorm.core.overlay.OverlayMessage.LoginReply;
import org.patchstorm.core.overlay.OverlayMessage.LoginRequest;
import org.patchstorm.core.overlay.OverlayMessage.NotYourClient;
import org.patchstorm.core.overlay.OverlayMessage.Flood;
import org.patchstorm.core.overlay.OverlayMessage.Presence;
import org.patchstorm.core.overlay.OverlayMessage.Restart;
import org.patchstorm.core.overlay.OverlayMessage.Search;
import org.patchstorm.core.overlay.OverlayMessage.SearchReply;
import org.patchstorm.core.overlay.OverlayMessage.StatusUpdate;
import org.patchstorm.core.overlay.OverlayMessage.SupernodeGone;
import org.patchstorm.core.overlay.OverlayMessage.Timer;

/** Binary form of {@link OverlayMessage}: a one-byte type tag, then the fields in order. */
public final class OverlayCodec implements PayloadCodec {

  private static final int CONNECT_REQUEST = 1;
  private static final int CONNECT_REPLY = 2;
  private static final int DISCONNECT = 3;
  private static final int SUPERNODE_GONE = 4;
  private static final int KEEP_ALIVE = 5;
  private static final int NOT_YOUR_CLIENT = 6;
  private static final int PRESENCE = 7;
  private static final int IM = 8;
  private static final int LIST_EXCHANGE = 9;
  private static final int LOGIN_REQUEST = 10;
  private static final int LOGIN_REPLY = 11;
  private static final int TIMER = 12;
  private static final int STATUS_UPDATE = 13;
  private static final int SEARCH = 14;
  private static final int SEARCH_REPLY = 15;
  private static final int FLOOD = 16;
  private static final int RESTART = 17;
  private static final int ACTIVATE = 18;
  private static final int CHANGE_PARAMETER = 19;
  private static final int CHANGE_DEFENCE = 20;
  private static final int BOT_START = 21;
  private static final int BOT_STOP = 22;
  private static final int INJECTED = 23;

  @Override
  public void write(Object message, DataOutput out) throws IOException {
    if (message instanceof ConnectRequest m) {
      out.writeByte(CONNECT_REQUEST);
      out.writeInt(m.client());
      out.writeBoolean(m.resume());
      out.writeBoolean(m.sync());
    } else if (message instanceof ConnectReply m) {
      out.writeByte(CONNECT_REPLY);
      out.writeInt(m.supernode());
      out.writeByte(m.status());
      out.writeInt(m.clients());
      writeInts(m.supernodes(), out);
    } else if (message instanceof Disconnect m) {
      out.writeByte(DISCONNECT);
      out.writeInt(m.client());
    } else if (message instanceof SupernodeGone m) {
      out.writeByte(SUPERNODE_GONE);
      out.writeInt(m.supernode());
    } else if (message instanceof KeepAlive m) {
      out.writeByte(KEEP_ALIVE);
      out.writeInt(m.supernode());
      out.writeInt(m.clients());
      out.writeBoolean(m.overloaded());
      writeInts(m.supernodes(), out);
    } else if (message instanceof NotYourClient m) {
      out.writeByte(NOT_YOUR_CLIENT);
      out.writeInt(m.client());
    } else if (message instanceof Presence m) {
      out.writeByte(PRESENCE);
      out.writeInt(m.client());
    } else if (message instanceof Im m) {
      out.writeByte(IM);
      out.writeInt(m.from());
      out.writeInt(m.to());
      out.writeLong(m.sentAt());
      out.writeBoolean(m.relayed());
    } else if (message instanceof ListExchange m) {
      out.writeByte(LIST_EXCHANGE);
      out.writeInt(m.from());
      out.writeBoolean(m.reply());
      writeInts(m.supernodes(), out);
    } else if (message instanceof LoginRequest m) {
      out.writeByte(LOGIN_REQUEST);
      out.writeInt(m.client());
      out.writeInt(m.attempt());
    } else if (message instanceof LoginReply m) {
      out.writeByte(LOGIN_REPLY);
      out.writeInt(m.server());
      out.writeInt(m.attempt());
      out.writeBoolean(m.ok());
    } else if (message instanceof Timer m) {
      out.writeByte(TIMER);
      out.writeByte(m.kind());
      out.writeInt(m.gen());
      out.writeInt(m.arg());
    } else if (message instanceof StatusUpdate m) {
      out.writeByte(STATUS_UPDATE);
      out.writeInt(m.from());
      out.writeInt(m.to());
      out.writeLong(m.sentAt());
      out.writeBoolean(m.relayed());
    } else if (message instanceof Search m) {
      out.writeByte(SEARCH);
      out.writeInt(m.client());
      out.writeLong(m.sentAt());
      out.writeByte(m.hops());
    } else if (message instanceof SearchReply m) {
      out.writeByte(SEARCH_REPLY);
      out.writeInt(m.supernode());
      out.writeLong(m.sentAt());
    } else if (message instanceof Flood m) {
      out.writeByte(FLOOD);
      out.writeInt(m.from());
      out.writeInt(m.to());
      out.writeInt(m.units());
    } else if (message instanceof Restart m) {
      out.writeByte(RESTART);
      out.writeLong(m.downtime());
      out.writeBoolean(m.crash());
      out.writeBoolean(m.includeSupernodes());
      out.writeLong(m.missedDelay());
    } else if (message instanceof Activate m) {
      out.writeByte(ACTIVATE);
      out.writeInt(m.maxClients());
      out.writeDouble(m.messageRate());
    } else if (message instanceof ChangeParameter m) {
      out.writeByte(CHANGE_PARAMETER);
      out.writeShort(m.code());
      out.writeDouble(m.value());
    } else if (message instanceof ChangeDefence m) {
      out.writeByte(CHANGE_DEFENCE);
      out.writeShort(m.code());
      out.writeDouble(m.value());
    } else if (message instanceof BotStart m) {
      out.writeByte(BOT_START);
      out.writeLong(m.campaignStart());
    } else if (message instanceof BotStop) {
      out.writeByte(BOT_STOP);
    } else if (message instanceof Injected m) {
      out.writeByte(INJECTED);
      out.writeUTF(m.timelineEntry());
    } else {
      throw new IllegalArgumentException("not an overlay message: " + message);
    }
  }

  @Override
  public Object read(DataInput in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case CONNECT_REQUEST -> new ConnectRequest(in.readInt(), in.readBoolean(), in.readBoolean());
      case CONNECT_REPLY -> new ConnectReply(in.readInt(), in.readUnsignedByte(), in.readInt(), readInts(in));
      case DISCONNECT -> new Disconnect(in.readInt());
      case SUPERNODE_GONE -> new SupernodeGone(in.readInt());
      case KEEP_ALIVE -> new KeepAlive(in.readInt(), in.readInt(), in.readBoolean(), readInts(in));
      case NOT_YOUR_CLIENT -> new NotYourClient(in.readInt());
      case PRESENCE -> new Presence(in.readInt());
      case IM -> new Im(in.readInt(), in.readInt(), in.readLong(), in.readBoolean());
      case LIST_EXCHANGE -> new ListExchange(in.readInt(), in.readBoolean(), readInts(in));
      case LOGIN_REQUEST -> new LoginRequest(in.readInt(), in.readInt());
      case LOGIN_REPLY -> new LoginReply(in.readInt(), in.readInt(), in.readBoolean());
      case TIMER -> new Timer(in.readUnsignedByte(), in.readInt(), in.readInt());
      case STATUS_UPDATE -> new StatusUpdate(in.readInt(), in.readInt(), in.readLong(), in.readBoolean());
      case SEARCH -> new Search(in.readInt(), in.readLong(), in.readUnsignedByte());
      case SEARCH_REPLY -> new SearchReply(in.readInt(), in.readLong());
      case FLOOD -> new Flood(in.readInt(), in.readInt(), in.readInt());
      case RESTART -> new Restart(in.readLong(), in.readBoolean(), in.readBoolean(), in.readLong());
      case ACTIVATE -> new Activate(in.readInt(), in.readDouble());
      case CHANGE_PARAMETER -> new ChangeParameter(in.readUnsignedShort(), in.readDouble());
      case CHANGE_DEFENCE -> new ChangeDefence(in.readUnsignedShort(), in.readDouble());
      case BOT_START -> new BotStart(in.readLong());
      case BOT_STOP -> new BotStop();
      case INJECTED -> new Injected(in.readUTF());
      default -> throw new IOException("unknown overlay message tag " + tag);
    };
  }

  private static void writeInts(int[] values, DataOutput out) throws IOException {
    out.writeShort(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInput in) throws IOException {
    int[] values = new int[in.readUnsignedShort()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }
}
