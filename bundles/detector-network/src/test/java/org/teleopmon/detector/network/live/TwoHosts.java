package org.teleopmon.detector.network.live;

import java.util.List;

import org.teleopmon.testsupport.NetNs;

/**
 * A robot and an operator host: two private network namespaces joined by a veth pair, the robot at
 * {@value #ROBOT} on {@value #ROBOT_LINK}, the operator at {@value #OPERATOR}. The robot's capture watches its
 * link only, so nobody else's loopback traffic reaches the test, and the robot's own address tells which way
 * a flow goes (on loopback every address is local).
 */
public final class TwoHosts implements AutoCloseable {

    public static final String ROBOT = "10.77.0.1";
    public static final String OPERATOR = "10.77.0.2";
    public static final String ROBOT_LINK = "tmr0";

    private final NetNs robot;
    private final NetNs operator;

    private TwoHosts(NetNs robot, NetNs operator) {
        this.robot = robot;
        this.operator = operator;
    }

    public static TwoHosts create() {
        NetNs robot = NetNs.create();
        NetNs operator = null;
        try {
            operator = NetNs.create();
            check(robot.ip("link", "add", ROBOT_LINK, "type", "veth", "peer", "name", "tmo0", "netns", operator.name()));
            check(robot.ip("addr", "add", ROBOT + "/24", "dev", ROBOT_LINK));
            check(operator.ip("addr", "add", OPERATOR + "/24", "dev", "tmo0"));
            check(robot.ip("link", "set", ROBOT_LINK, "up", "multicast", "on"));
            check(operator.ip("link", "set", "tmo0", "up", "multicast", "on"));
            check(robot.ip("route", "add", "224.0.0.0/4", "dev", ROBOT_LINK));
            check(operator.ip("route", "add", "224.0.0.0/4", "dev", "tmo0"));
            return new TwoHosts(robot, operator);
        } catch (RuntimeException e) {
            if (operator != null) {
                operator.close();
            }
            robot.close();
            throw e;
        }
    }

    public NetNs robot() {
        return robot;
    }

    public NetNs operator() {
        return operator;
    }

    /** The robot's capture: its link, in its namespace. */
    public List<String> robotLink() {
        return List.of(ROBOT_LINK);
    }

    private static void check(int exit) {
        if (exit != 0) {
            throw new IllegalStateException("setting up the veth pair failed (exit " + exit + ")");
        }
    }

    @Override
    public void close() {
        operator.close();
        robot.close();
    }
}
