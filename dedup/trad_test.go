package dedup

import "strings"

// simpTrad pairs frequent Simplified characters with their Traditional
// forms (one-to-one cases only), hand-built for the evaluation's
// "traditional" transformation: golang.org/x/text has no converter, and the
// fingerprint itself does not fold scripts, so this measures the limit.
const simpTrad = "这這个個们們来來时時为為说說国國对對会會发發经經动動过過后後进進开開关關学學现現" +
	"实實长長问問间間还還没沒样樣点點头頭无無与與见見东東车車让讓从從里裡两兩几幾" +
	"机機业業么麼当當种種们們产產员員体體门門电電处處应應将將军軍总總区區报報记記" +
	"者者书書义義边邊华華万萬声聲条條亲親变變场場听聽认認议議论論设設许許语語读讀" +
	"调調谈談该該请請谁誰识識话話资資费費货貨质質贵貴买買卖賣责責负負达達运運还還" +
	"这這远遠选選连連适適递遞钱錢银銀铁鐵错錯长長门門问問间間队隊阳陽阴陰际際陈陳" +
	"难難须須题題顾顧领領风風飞飛马馬鱼魚鸟鳥黄黃齐齊龙龍传傳们們价價众眾优優伤傷" +
	"们們儿兒党黨击擊则則刚剛创創别別办辦务務劳勞势勢单單卫衛历歷压壓厅廳县縣参參" +
	"双雙变變叶葉号號吗嗎员員响響图圖团團园園围圍圣聖坏壞块塊坚堅处處备備复復够夠" +
	"头頭奋奮妇婦孙孫实實宁寧宝寶审審宽寬对對导導专專尔爾尽盡层層岁歲岛島币幣师師" +
	"带帶广廣庆慶库庫应應废廢开開异異张張弹彈强強归歸当當录錄彻徹忆憶态態怀懷恶惡" +
	"总總恋戀惊驚战戰户戶扩擴执執扬揚护護报報担擔拥擁择擇挥揮损損换換据據摄攝数數" +
	"断斷旧舊显顯时時晋晉术術机機杀殺杂雜权權条條来來极極构構标標样樣树樹桥橋检檢" +
	"楼樓欢歡气氣汉漢沟溝没沒济濟测測浓濃润潤涨漲温溫湾灣满滿灭滅灵靈热熱爱愛环環" +
	"现現电電画畫疗療发發盖蓋监監着著离離种種积積称稱稳穩笔筆节節类類练練组組细細" +
	"终終经經结結给給统統继續绩績维維综綜绿綠网網罗羅职職联聯肃肅胜勝脑腦节節范範" +
	"营營获獲药藥观觀规規视視览覽觉覺计計订訂认認讨討让讓训訓记記讲講许許论論证證" +
	"评評识識诉訴词詞译譯试試诗詩诚誠话話询詢该該详詳语語误誤说說请請诸諸读讀课課" +
	"谁誰调調谈談谢謝贝貝财財责責败敗货貨质質购購贴貼费費资資赛賽赵趙车車转轉轮輪" +
	"软軟较較辑輯输輸边邊过過运運还還进進远遠违違连連迟遲选選钟鐘钢鋼铁鐵银銀错錯" +
	"门門闭閉问問闻聞间間阅閱队隊阶階际際陆陸险險随隨隐隱难難须須顺順预預领領频頻" +
	"题題风風飞飛饭飯馆館验驗马馬鸡雞龄齡"

// toTraditional replaces every Simplified character of simpTrad in s by its
// Traditional form.
func toTraditional(s string) string {
	pairs := []rune(simpTrad)
	m := make(map[rune]rune, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != pairs[i+1] {
			m[pairs[i]] = pairs[i+1]
		}
	}
	return strings.Map(func(r rune) rune {
		if t, ok := m[r]; ok {
			return t
		}
		return r
	}, s)
}
