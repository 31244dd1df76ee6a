package org.kepu.activity;

/**
 * Simplified to traditional characters, one character at a time, for the few demo activities written in
 * traditional script (as Taiwan, Hong Kong and some older notices write). A small table of common characters
 * is enough here: it covers the demo vocabulary and most place names. Characters whose traditional form
 * depends on the word (周/週, 干/幹/乾, 台/臺, 里/裡, 范/範, 余/餘…) are left as they are rather than
 * converted wrongly. Search normalises with a real converter; this is only test data.
 */
final class Traditional {

    static final String SIMPLIFIED = "万与专业丛东丝两严个丰临为丽举么义乌乐乔习乡书买乱争云亚产亲亿仅从仓仪们价众优会伟传伤伦伪体侦侧侨俭"
            + "债倾偿储儿党兰关兴兹养兽内冈册写军农冯决况冻净凉减凤凯击划刘则刚创删别剂剧劝办务动励劳势勋区医华协单"
            + "卖卢卫却厂厅压厦县参双发变叶号吓吕吗员听启吴响啸问园围图团国圣场坏块坚坛坝垦墙壮声壳处备复头夹夺奋奖"
            + "妇妈娄孙学宁宝实宠审宪宫宽宾对寻导寿将尔尘尝尧层属岁岗岚岛岭峡峤峄币师带帮广庄庆库应庙废开异弃张弯弹"
            + "强归当录彦径忆忧怀态总恋恒恶悬惊惧惨惯愿戏战户扑执扩扫扬扰抚抢护报担拟拥择挂挡挥损换据揽携摄摆摇敌数"
            + "斋断无旧时旷显晋晓暂术机杀杂权杨极构枞枣枪枫标栋栏树样档桥桦梦检楼榄欢欧残毕气氢汉汤沟没沣沧沪泪泸泽"
            + "泾洁洒浅浆浇浊测济浏浑浓涛涞涟涡润涧涨渊渐渑渔温湾湿滚满滦滨滩潇潍潜澜灭灯灵灾灿炉点炼烂烟烦烧热焕爱"
            + "爷牵犹狮独狭猎猪献玛环现珑琼电画畅疗盐监盖盘矫矿码砖础确碍礼祸离种积称稳穷窃竞笔筑签简筹篮类粮紧红纤"
            + "约级纪纯纳纵纸线练组细织终经结绕绘给络绛绝统继绩绥续维绵综绿缓编缘缙网罗罚职联聂聪肃肠肤肾肿胜脉脑脚"
            + "腾舰舱艺节芗芜芦苍苏茎荆荐荡荣荥药莱莲获营萧萨蓝蓟蕲蚕虫补袭见观规视览觉计订认讨让训议讯记讲许论设访"
            + "证评识诈诉诊词译试诗诚话诞询该详语误说请诸诺读课谁调谈谊谋谐谢谯贝贞负贡财责贤败货质贫购贯贴贵贷费贺"
            + "资赋赏赖赛赞赠赣赵赶趋跃践踪车轨转轮软轻载较辅辆辉输辖边辽达迁过运还这进远违连迟适选递逻遗邓邮邻郑郏"
            + "郓郧郸酱释鉴针钢钦钱铁铃铅铜铭银链销锁锅锋锡锦键镇镜长门闪闭闯闲间闵闸闻闽阁阅阆阎阔队阳阴阵阶际陆陇"
            + "陈陕险随隐难雾静韩页顶项顺须顾顿颁预领频颍颖题颜额风飞饥饭饮饰饱饶馆马驰驱驻驾骅验骗鱼鲁鲜鸟鸡鸣鸠鸭"
            + "鹏鹤鹰麦黄齐龄龙龟巩兖讷";

    static final String TRADITIONAL = "萬與專業叢東絲兩嚴個豐臨為麗舉麼義烏樂喬習鄉書買亂爭雲亞產親億僅從倉儀們價眾優會偉傳傷倫偽體偵側僑儉"
            + "債傾償儲兒黨蘭關興茲養獸內岡冊寫軍農馮決況凍淨涼減鳳凱擊劃劉則剛創刪別劑劇勸辦務動勵勞勢勳區醫華協單"
            + "賣盧衛卻廠廳壓廈縣參雙發變葉號嚇呂嗎員聽啟吳響嘯問園圍圖團國聖場壞塊堅壇壩墾牆壯聲殼處備復頭夾奪奮獎"
            + "婦媽婁孫學寧寶實寵審憲宮寬賓對尋導壽將爾塵嘗堯層屬歲崗嵐島嶺峽嶠嶧幣師帶幫廣莊慶庫應廟廢開異棄張彎彈"
            + "強歸當錄彥徑憶憂懷態總戀恆惡懸驚懼慘慣願戲戰戶撲執擴掃揚擾撫搶護報擔擬擁擇掛擋揮損換據攬攜攝擺搖敵數"
            + "齋斷無舊時曠顯晉曉暫術機殺雜權楊極構樅棗槍楓標棟欄樹樣檔橋樺夢檢樓欖歡歐殘畢氣氫漢湯溝沒灃滄滬淚瀘澤"
            + "涇潔灑淺漿澆濁測濟瀏渾濃濤淶漣渦潤澗漲淵漸澠漁溫灣濕滾滿灤濱灘瀟濰潛瀾滅燈靈災燦爐點煉爛煙煩燒熱煥愛"
            + "爺牽猶獅獨狹獵豬獻瑪環現瓏瓊電畫暢療鹽監蓋盤矯礦碼磚礎確礙禮禍離種積稱穩窮竊競筆築簽簡籌籃類糧緊紅纖"
            + "約級紀純納縱紙線練組細織終經結繞繪給絡絳絕統繼績綏續維綿綜綠緩編緣縉網羅罰職聯聶聰肅腸膚腎腫勝脈腦腳"
            + "騰艦艙藝節薌蕪蘆蒼蘇莖荊薦蕩榮滎藥萊蓮獲營蕭薩藍薊蘄蠶蟲補襲見觀規視覽覺計訂認討讓訓議訊記講許論設訪"
            + "證評識詐訴診詞譯試詩誠話誕詢該詳語誤說請諸諾讀課誰調談誼謀諧謝譙貝貞負貢財責賢敗貨質貧購貫貼貴貸費賀"
            + "資賦賞賴賽贊贈贛趙趕趨躍踐蹤車軌轉輪軟輕載較輔輛輝輸轄邊遼達遷過運還這進遠違連遲適選遞邏遺鄧郵鄰鄭郟"
            + "鄆鄖鄲醬釋鑑針鋼欽錢鐵鈴鉛銅銘銀鏈銷鎖鍋鋒錫錦鍵鎮鏡長門閃閉闖閒間閔閘聞閩閣閱閬閻闊隊陽陰陣階際陸隴"
            + "陳陝險隨隱難霧靜韓頁頂項順須顧頓頒預領頻潁穎題顏額風飛飢飯飲飾飽饒館馬馳驅駐駕驊驗騙魚魯鮮鳥雞鳴鳩鴨"
            + "鵬鶴鷹麥黃齊齡龍龜鞏兗訥";

    private static final char[] TABLE = new char[0x10000];

    static {
        if (SIMPLIFIED.length() != TRADITIONAL.length()) {
            throw new IllegalStateException("the two rows of the table differ in length");
        }
        for (int i = 0; i < SIMPLIFIED.length(); i++) {
            TABLE[SIMPLIFIED.charAt(i)] = TRADITIONAL.charAt(i);
        }
    }

    private Traditional() {}

    static String of(String simplified) {
        char[] chars = simplified.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char t = TABLE[chars[i]];
            if (t != 0) {
                chars[i] = t;
            }
        }
        return new String(chars);
    }

    /** Whether the text has a character this table writes in traditional form. */
    static boolean isTraditional(String text) {
        return text.chars().anyMatch(c -> TRADITIONAL.indexOf(c) >= 0);
    }
}
