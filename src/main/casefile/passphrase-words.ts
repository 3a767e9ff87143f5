/**
 * Words for generated passphrases: everyday, neutral, easy to spell and to say aloud in a panel room
 * (nature, food, objects, places, music). Chosen by hand to avoid anything upsetting in a mental-health
 * setting. 1120 words, so each word adds about 10 bits; six words give about 60 bits.
 */
export const PASSPHRASE_WORDS: readonly string[] = `
abacus acorn acrobat actor adapt admire adobe advice aerial afloat agate agenda agree airship aisle alarm
album alcove alder algae alley almanac almond alpaca alpine amber amble anchor anemone angel angle ankle
anthem antler apex apple apricot april apron aquarium arbor arcade arch arena argue armada armchair aroma
arrow arrowroot artichoke artist asparagus aspen atlas atrium attic august aurora autumn avenue avocado award
awning axis backpack bacon badge badger bagatelle bagel bagpipe baker bakery balcony ballad ballet ballroom
balsa bamboo banana band bangle banjo banner banyan barley barn barnacle barrel basalt basil basin basket
bassoon baton bay beach beacon bead beaker beam bean beanstalk bear beaver bedrock beech beeswax
beetle begin bell bellflower bench beret berry bicycle billow birch bird biscuit bison blackbird blanket
blazer blend blossom blue bluebell blueberry board boat boathouse bobcat bonfire bonnet book bookcase
bookmark boot border bottle boulder bounce bowl bracelet bramble branch brass bread breadcrumb breeze brick
bridge bright brioche broccoli bronze brook broom brush bubble bucket buckle budget buffalo bugle bundle
bunny burrow butter buttercup button buzzard cabbage cabin cable cactus cafe cairn cake calendar calm calypso
camel camellia cameo camera camper canal candle canoe canopy cantaloupe canvas canyon cape capstan caravan
card cardamom cardinal cargo carol carousel carpet carrot cart cascade cashew castle catamaran catkin cedar
celery cellar cello chaffinch chalet chalk chamois chamomile chandelier chapel chariot charm checkers cheese
cheetah cherry chess chestnut chickpea chicory chime chimney chinchilla chipmunk chord chowder cider cinder
cinema cinnamon circle citrus city clarinet clay clementine clever cliff climb clipboard clock clockwork
cloud cloudburst clover coast coastline cobalt cobble cobweb cockatoo cockle cocoa coconut coffee columbine
comet compass concert condor cookie copper coral corner cornflower corridor corsage cosmos cottage cotton
cottontail country courage cousin cove cowslip cranberry crane crayon cream creek cricket crisp crocus
crossword crown crystal cucumber cumin cupboard cupcake curlew curtain cushion cycle cypress daffodil dahlia
daisy damson dance dandelion dawn daybreak decade deck delta denim desk dessert dew dewdrop diary dingo
dinner dipper dock dolphin domed domino donkey door dormouse dove dragon dragonfly drawer dream drift
driftwood drum drumbeat duck duckling dumpling dune dusk eagle eaglet earmuff easel echo eclipse eggplant
egret elbow elder elderberry elk elm ember emerald emu engine envelope equal estate evening ever evergreen
fable fabric fairway falafel falcon family fancy fanfare farm feather fedora fennel fern ferry festival
fiddle field fieldfare fiesta fig figment finch firefly fireside fishbowl fjord flag flagstone flame flamingo
flannel flapjack flask flint flower flowerpot flute foam focus folder footpath forest forget fossil fountain
fox foxglove frame freesia fresco fresh friend frost fruit fudge funnel gable gadget galaxy galleon gallery
gannet garden gardenia garlic garnet gate gazebo gazelle gecko gentle geyser giant ginger gingham giraffe
glacier glade glass glider globe glove glow gnome goat goblet gold goldcrest goldfinch gondola goose
gooseberry gopher gorge gourd grain granite granola grape grass gravel green greenhouse griddle grove
guillemot guitar gull gumdrop habit hailstone hamlet hammer hammock handbell harbor harebell harp harpoon
harvest hat hawthorn haystack hazel headland heart hearth heather heathland hedge hedgehog helmet herb heron
hibiscus hiking hill hillside hobby holly honey honeybee hoop hopscotch horizon hornet horse horseshoe hotel
hound house houseboat hummus hut hyacinth iceberg icicle igloo iguana index indigo inglenook inkwell inlet
insect island ivory ivy jackal jackdaw jacket jade jam jar jasmine jasper jazz jelly jellyfish jetty jewel
jigsaw jogger jonquil journal journey judge juice july jumper june jungle juniper kangaroo kayak kelp kernel
kestrel kettle key kiln kimono kingfish kingfisher kite kitten kittiwake kiwi knot koala label lace ladder
ladybird lagoon lake lamp lamplight lantern lapwing larch lark lasso lattice laurel lava lavender lawn leaf
leapfrog ledge lemon lemonade lens leopard letter lettuce level library lighthouse lilac lily lime limerick
limestone linen linnet lion lizard llama lobelia lobster locket lodge loft lollipop lookout loom lotus
lovebird lullaby lunar lupin lynx lyric macaw mackerel madrigal magnet magnolia magpie mainsail mallard
manatee mandolin mango manor maple mapleleaf marble march marigold market marmalade marmot marsh marshland
marzipan meadow meadowlark medal meerkat melody melon meteor milestone millpond minnow mint mirror mistral
mitten mocha model monday monsoon moon moonbeam moorland moose morning mosaic moss moth motor mountain muffin
mulberry mural museum music mustard napkin narrow nasturtium nature nautilus nebula nectar needle nest nettle
nightfall nightjar nimbus noble noodle noodles north notebook notepad nougat nova nugget nuthatch nutmeg oak
oarsman oasis oatmeal ocean ocelot octave octopus okapi olive omelet onion opal opera orange orbit orchard
orchestra orchid oregano osprey otter outdoor oven overcoat owl oyster paddle page paint paintbrush palace
palm pancake pancakes panda pantry paper paperclip paprika parade parasol parcel parrot parsley parsnip pasta
pastel path pathway patio peach peacock peak peanut pear pebble pecan pelican pencil penguin peony pepper
peppermint periwinkle petal pewter pheasant piano pickle picnic pigeon pillow pilot pinafore pine pineapple
pinecone pinwheel pioneer piper pistachio pitch pixel planet playground plaza plover plum plumage pocket poem
polar pond poplar poppy porch porridge postcard potato pottery prairie pretzel primrose prism pudding
puffball puffin puma pumpkin puppy puzzle quail quarry quartz quayside quest quiet quill quilt quince quiz
quokka rabbit raccoon radar radio radish railway rain rainbow raindrop rainfall raisin ramble ranch raspberry
raven ravioli redwood reef relish rhubarb ribbon ridge ripple river riverbed road robin rocket rockpool
rooftop rose rosemary rowan ruby rudder rug ruler rustic saddle saffron saga sagebrush sail salad salamander
salmon salt samba sandal sandcastle sandpiper sapphire sardine satin sauce saucepan savanna scarf scenic
school scone sea seal seashell seaside season seed sequoia shadow shell shelter sherbet shore shortbread
signpost silk silver sketch skipper sky skylark sled slope snow snowdrop snowflake socks sofa solar songbird
sonnet sorbet spaceship spaniel sparrow spice spider spinach spiral spring springtime sprout spruce square
squash squirrel stable star stargazer starling station statue steam stepping stone stopwatch stork story
strawberry stream street sugar summer summit sun sunbeam sundial sunflower sunrise sunset swan sweater
sweetcorn swift sycamore syrup table tablet tadpole tamarind tangerine tango tapestry teacup teapot teaspoon
tempo tennis tent terrace thimble thistle thread thrush thunder thyme ticket tide tiger timber timetable
toadstool toast toffee tomato toolbox topaz torch tortoise toucan towel tower trail train travel treasure
tree treetop trellis trifle trinket trombone truffle trumpet tuba tugboat tulip tumbleweed tundra tunnel
turkey turnip turtle twig umbrella unicorn upland upstream urban utopia valerian valley vanilla vapor velvet
velveteen venue verse vessel village vine violet violin vireo voyage wafer waffle wagon walkway wallaby
walnut walrus wander warbler watercress waterfall wave wayfarer weasel weaver weekend whale wheat wheel
whippet whirlwind whistle wildcat wildflower willow windmill window windowsill winter wisteria wizard wombat
wonder wood woodland woodpecker woodpile wool word world wren yacht yak yard yarn yarrow year yearbook yellow
yodel yogurt yolk yucca zebra zenith zephyr zero zigzag zinc zipper zone zucchini`
  .split(/\s+/)
  .filter((word) => word.length > 0);
