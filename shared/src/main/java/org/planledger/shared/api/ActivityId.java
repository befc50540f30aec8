package org.planledger.shared.api;

/** The aggregate identifier of an activity: the plan id and the printed code, e.g. {@code sonla-cchc-2024/III.2}. */
public final class ActivityId {

    private ActivityId() {
    }

    public static String of(String planId, String code) {
        return planId + "/" + code;
    }

    public static String planOf(String activityId) {
        return activityId.substring(0, activityId.indexOf('/'));
    }

    public static String codeOf(String activityId) {
        return activityId.substring(activityId.indexOf('/') + 1);
    }
}
