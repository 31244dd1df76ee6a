package org.kepu.region;

import java.util.List;

/**
 * Short names for search dictionaries and display: 曲周县 → 曲周, 峨山彝族自治县 → 峨山, 宁夏回族自治区 → 宁夏,
 * 双江拉祜族佤族布朗族傣族自治县 → 双江. A name is left whole when shortening would leave one character
 * (城区, 郊区) or when it is not a place name at all (市辖区).
 */
final class ShortNames {

    private static final List<String> SUFFIXES = List.of(
            "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区", "矿区", "街道办事处", "街道", "民族乡", "民族镇", "苏木", "省",
            "市", "盟", "县", "区", "旗", "镇", "乡");

    /** The 55 recognised minority nationalities (and 维吾尔, as 新疆维吾尔自治区 writes it), longest first. */
    private static final List<String> NATIONALITIES = List.of(
            "乌孜别克族", "维吾尔", "柯尔克孜族", "维吾尔族", "哈萨克族", "塔吉克族", "俄罗斯族", "鄂温克族", "鄂伦春族", "塔塔尔族", "达斡尔族", "蒙古族", "布依族",
            "朝鲜族", "土家族", "哈尼族", "傈僳族", "拉祜族", "东乡族", "纳西族", "景颇族", "仫佬族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族",
            "普米族", "德昂族", "保安族", "裕固族", "独龙族", "赫哲族", "门巴族", "珞巴族", "基诺族", "回族", "藏族", "苗族", "彝族", "壮族", "满族", "侗族",
            "瑶族", "白族", "傣族", "黎族", "佤族", "畲族", "水族", "土族", "羌族", "怒族", "京族", "高山族");

    private ShortNames() {}

    static String of(String name) {
        if (name.equals("市辖区") || name.endsWith("直辖县级行政区划")) {
            return name;
        }
        String shortName = name;
        for (String suffix : SUFFIXES) {
            if (shortName.endsWith(suffix) && shortName.length() - suffix.length() >= 2) {
                shortName = shortName.substring(0, shortName.length() - suffix.length());
                break;
            }
        }
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String nationality : NATIONALITIES) {
                if (shortName.endsWith(nationality) && shortName.length() - nationality.length() >= 2) {
                    shortName = shortName.substring(0, shortName.length() - nationality.length());
                    stripped = true;
                    break;
                }
            }
        }
        return shortName;
    }
}
