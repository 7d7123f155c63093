# searches-organization: Who searched: searches by the searcher's organization
# Re-run in this folder with: gnuplot chart-searches-organization.gp
set terminal svg size 900,520 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-searches-organization.svg'
set title "Who searched: searches by the searcher's organization\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "searches"
set yrange [0:3059.74]
set xrange [-0.6:4.6]
set xtics rotate by 30 right
set bmargin 10
set style fill solid 0.85 border -1
set boxwidth 0.6
set xtics ("federal agencies" 0, "agencies of this state" 1, "agencies of other states" 2, "not public agencies" 3, "not classified" 4)
plot 'chart-searches-organization.dat' using 0:($4 > 0 ? NaN : $2) with boxes lc rgb '#0072B2', \
     '' using 0:2:3 with labels offset 0,0.8 notitle
set terminal pngcairo size 900,520 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-searches-organization.png'
replot
set output
