package org.kepu.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShortNamesTests {

    @ParameterizedTest
    @CsvSource({
        "曲周县, 曲周",
        "峨山彝族自治县, 峨山",
        "宁夏回族自治区, 宁夏",
        "新疆维吾尔自治区, 新疆",
        "内蒙古自治区, 内蒙古",
        "广西壮族自治区, 广西",
        "双江拉祜族佤族布朗族傣族自治县, 双江",
        "延边朝鲜族自治州, 延边",
        "安徽省, 安徽",
        "芜湖市, 芜湖",
        "鸠江区, 鸠江",
        "沙坡头区, 沙坡头",
        "香港特别行政区, 香港",
        "鄂伦春自治旗, 鄂伦春",
        "城区, 城区",
        "郊区, 郊区",
        "市辖区, 市辖区",
        "省直辖县级行政区划, 省直辖县级行政区划",
        "神农架林区, 神农架",
        "东华门街道, 东华门",
        "王佐镇, 王佐",
        "马场回族乡, 马场",
        "鄂温克族苏木, 鄂温克族"
    })
    void shortNamesDropTheAdministrativeSuffix(String name, String expected) {
        assertThat(ShortNames.of(name)).isEqualTo(expected);
    }
}
